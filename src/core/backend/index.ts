export { softwareAdapterName, softwareAdapterReason, type AdapterFacts } from './software-adapter';
