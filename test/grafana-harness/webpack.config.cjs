// The harness's host page: React, @grafana/data/ui/runtime and the other packages Grafana shares
// with plugins, bundled once and handed to the plugins' AMD modules through SystemJS.
const path = require('path');
const webpack = require('webpack');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: { host: './src/host.tsx' },
  output: { path: path.join(__dirname, 'dist'), filename: '[name].js', clean: true },
  devtool: false,
  // Production React and Grafana code, without minifying (minifying @grafana/ui takes minutes).
  optimization: { minimize: false, splitChunks: false },
  performance: { hints: false },
  cache: {
    type: 'filesystem',
    cacheDirectory: path.join(__dirname, '../../.cache/grafana-harness-webpack'),
  },
  resolve: {
    extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
    alias: {
      // No code editor is shown: Monaco is never loaded.
      'monaco-editor': path.join(__dirname, 'src/stubs/monaco.ts'),
      '@monaco-editor/react': path.join(__dirname, 'src/stubs/monaco.ts'),
    },
    fallback: {
      fs: false,
      path: false,
      os: false,
      crypto: false,
      stream: false,
      buffer: false,
      util: false,
    },
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              target: 'es2020',
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        },
      },
      // @grafana/ui's .mjs files import CommonJS packages by default import; as "auto" modules
      // webpack honours their __esModule flag (otherwise React error #130 for the components).
      {
        test: /\.mjs$/,
        include: /node_modules/,
        type: 'javascript/auto',
        resolve: { fullySpecified: false },
      },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(svg|png|woff2?|ttf|eot)$/, type: 'asset/resource' },
    ],
  },
  plugins: [
    new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production') }),
    new webpack.ProvidePlugin({ process: require.resolve('./src/stubs/process.ts') }),
  ],
};
