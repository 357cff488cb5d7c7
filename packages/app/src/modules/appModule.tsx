import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
  SignInPage,
} from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint, SignInPageBlueprint } from '@backstage/plugin-app-react';
import MenuIcon from '@material-ui/icons/Menu';
import React from 'react';

/** Guest sign-in: the demo backend maps the guest to a catalog user (see its app-config). */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => (
      <SignInPage {...props} title="Headroom demo" align="center" auto providers={['guest']} />
    ),
  },
});

const sidebar = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));
      return (
        <Sidebar>
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:catalog')}
            {nav.take('page:headroom')}
            {nav.take('page:headroom/showback')}
            {nav.take('page:headroom/capacity')}
            {nav.take('page:headroom/incidents')}
            {nav.take('page:headroom/automation')}
            <SidebarDivider />
            <SidebarScrollWrapper>{nav.rest({ sortBy: 'title' })}</SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
        </Sidebar>
      );
    },
  },
});

export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, sidebar],
});
