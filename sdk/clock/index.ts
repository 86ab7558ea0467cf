export { realClock, VirtualClock, type Clock, type Timer, type ScheduleOptions } from './clock.js';
export { clockScheduler } from './scheduler.js';
