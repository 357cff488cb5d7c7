// Some Grafana dependencies read process.env in the browser.
export default { env: { NODE_ENV: 'production' } };
export const env = { NODE_ENV: 'production' };
