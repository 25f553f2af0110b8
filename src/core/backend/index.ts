export { softwareAdapterName, softwareAdapterReason, type AdapterFacts } from './software-adapter';
export type { AdapterInfo, Backend, BackendChoice, BackendInfo } from './backend-info';
export { raceVerdict, type RaceEntry, type RaceVerdict } from './backend-race';
