import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import headroomPlugin from '@headroom/plugin-headroom/alpha';
import { appModule } from './modules/appModule';

export default createApp({
  features: [catalogPlugin, orgPlugin, headroomPlugin, appModule],
});
