import { makeStyles } from '@material-ui/core/styles';

const boxed = (colour: string, background: string, spacing: (n: number) => number) => ({
  padding: spacing(1.5),
  marginBottom: spacing(2),
  borderLeft: `4px solid ${colour}`,
  background,
});

/** The editor's styles, shared by its parts. */
export const useEditorStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  yaml: { fontFamily: 'monospace', fontSize: '0.85rem' },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
    flexWrap: 'wrap',
  },
  notice: boxed(theme.palette.info.main, theme.palette.background.default, theme.spacing),
  errorBox: boxed(theme.palette.error.main, theme.palette.background.default, theme.spacing),
  conflict: boxed(theme.palette.warning.main, theme.palette.background.default, theme.spacing),
  issues: { margin: 0, paddingLeft: theme.spacing(2.5) },
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
}));
