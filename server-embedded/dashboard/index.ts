/** The dashboard: a web page on 127.0.0.1 showing the server live (see docs/dashboard.md). */
export {
  startDashboard,
  DEFAULT_DASHBOARD_PORT,
  type DashboardOptions,
  type DashboardListener,
} from './listener.js';
export type { DashboardLimits } from './state.js';
export type * from './messages.js';
