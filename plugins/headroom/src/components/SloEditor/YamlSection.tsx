import type { SloIssue } from '@headroom/core';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import React from 'react';
import { useEditorStyles } from './styles';

/** The OpenSLO YAML view of the draft, editable, with core's issues by line and path. */
export function YamlSection(props: {
  text: string;
  issues: SloIssue[];
  readOnly: boolean;
  onChange: (text: string) => void;
}) {
  const { text, issues, readOnly, onChange } = props;
  const classes = useEditorStyles();
  return (
    <Paper className={classes.paper}>
      <Typography variant="h6" component="h3">
        OpenSLO YAML
      </Typography>
      <TextField
        id="slo-editor-yaml"
        label="OpenSLO v1 document"
        value={text}
        onChange={e => onChange(e.target.value)}
        multiline
        minRows={18}
        fullWidth
        variant="outlined"
        margin="dense"
        disabled={readOnly}
        error={issues.length > 0}
        InputProps={{ classes: { input: classes.yaml } }}
        inputProps={{ spellCheck: false, 'aria-describedby': 'slo-editor-yaml-issues' }}
      />
      <div id="slo-editor-yaml-issues" aria-live="polite">
        {issues.length > 0 && (
          <ul className={classes.issues} data-testid="slo-editor-yaml-issues">
            {issues.map((issue, i) => (
              <li key={i}>
                <Typography variant="body2" color="error">
                  {issue.line !== undefined ? `Line ${issue.line}: ` : ''}
                  {issue.path ? `${issue.path} ` : ''}
                  {issue.message}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Paper>
  );
}
