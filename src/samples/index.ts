export { SAMPLE_SENTENCES, samplePassages, sampleItems, DEFAULT_TEXT } from './sentences';
