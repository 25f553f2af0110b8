/**
 * Token classification, the pure part: character offsets for transformers.js tokens, Hugging Face-style
 * post-processing (softmax, aggregation strategies, optional constrained decoding), and long-text windows.
 * The worker tokenizes and runs the model; everything after the logits happens here, testable in Node.
 */
export { alignTokensToText, tokenBody, type AlignOptions, type Span } from './align';
export {
  AGGREGATION_STRATEGIES,
  classifyTokens,
  splitTag,
  type AggregationStrategy,
  type ClassifyInput,
  type GroupEntity,
  type TokenEntity,
} from './classify';
export { NerError, TextTooLongError, type NerErrorCode } from './errors';
export { argmaxRow, softmax } from './scores';
export { TRANSITIONS_CONFIG_KEY, bioTransitions, transitionsFromConfig, viterbiDecode, type Transitions } from './viterbi';
export { mergeWindowLogits, planOverflow, type OverflowPlan, type OverflowPolicy, type WindowLogits } from './windows';
export { wordTransitionsFromConfig } from './model-decoding';
