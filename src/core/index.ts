export {
  Analyzer,
  DEFAULT_WINDOW_MS,
  taskIdOfStream,
  type AnalyzerOptions,
  type ClassifiedEvent,
} from './analyzer.js';
export { decodeInput } from './decode/decodeInput.js';
export { JsonEventsDecoder } from './decode/jsonEventsDecoder.js';
export { TextLinesDecoder } from './decode/textLinesDecoder.js';
export { sniffFormat, isGzip } from './decode/sniff.js';
export { NetsleuthError, type NetsleuthErrorCode } from './errors.js';
export type { LogEvent, InputFormat, DecodeWarning } from './events.js';
export { parseLambdaLine, isLambdaStream } from './lambda/lambdaLine.js';
export { PATTERNS, findPattern } from './patterns/registry.js';
export * from './report.js';
export { classifyMessage, SIGNATURES } from './signatures/matcher.js';
export { ERROR_CLASSES, type ErrorClass, type ConnectionFailure } from './signatures/types.js';
export { VERSION } from './version.js';
