// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import '../../test/grafana-jest/browser-stubs';
