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
  type EntityResult,
  type GroupEntity,
  type TokenEntity,
} from './classify';
export { NerError, TextTooLongError, type NerErrorCode } from './errors';
export { argmaxRow, softmax } from './scores';
export { bioTransitions, viterbiDecode, type Transitions } from './viterbi';
export { chainMarginals } from './marginals';
export { mergeWindowLogits, planOverflow, type OverflowPlan, type OverflowPolicy, type WindowLogits } from './windows';
export { scoreThresholdFromConfig, wordTransitionsFromConfig } from './model-decoding';
export {
  decodeText,
  planSegments,
  type DecodeTextInput,
  type Segment,
  type SegmentLogits,
  type SegmentPlan,
  type SpecialIds,
} from './pipeline';
export { applyScoreThreshold, isScoreThreshold } from './threshold';
export { bucketMinimums, SPECIAL_TOKENS_PER_INPUT, type BucketMinimums } from './bucket-minimum';
