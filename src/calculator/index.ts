/**
 * NormLint's normalization calculator: pure float64 TypeScript (no DOM, no Node APIs, no
 * dependencies), verified against PyTorch-generated vectors.
 *
 * Tensors are flat row-major arrays (Float64Array or number[]) plus a shape, with the channel
 * axis at 1: (N, C), (N, C, L), (N, C, H, W), ... Every function validates its input and throws
 * `CalculatorError` (with a `code`, and PyTorch's own message where PyTorch raises) instead of
 * returning a silent NaN; results where PyTorch itself produces NaN / ±Infinity carry the same
 * values plus a `warnings` list.
 */

export { CalculatorError, type CalculatorErrorCode, type PythonErrorType } from './errors';
export { channelLayout, formatTorchSize, shapeSize, toTensor, type ChannelLayout, type NumericArray, type Shape, type Tensor } from './tensor';
export { compensatedSum, fusedMultiplyAdd, moments, type Moments } from './numeric';
export { explainBatchNormValue, type BatchNormValueExplanation, type BatchNormValueInputs, type ExplorerForm } from './explorer';
export {
  batchNormEval,
  batchNormTrain,
  batchStatistics,
  checkModuleRank,
  type BatchNormCommonOptions,
  type BatchNormEvalOptions,
  type BatchNormEvalResult,
  type BatchNormModule,
  type BatchNormTrainOptions,
  type BatchNormTrainResult,
  type BatchStatistics,
} from './batchnorm';
export {
  groupNorm,
  instanceNorm,
  layerNorm,
  rmsNorm,
  validateGroupNormConfig,
  type BlockNormResult,
  type GroupNormOptions,
  type InstanceNormOptions,
  type LayerNormOptions,
  type LayerNormResult,
  type RmsNormOptions,
  type RmsNormResult,
} from './othernorms';
export { runningUpdate, simulateRunningStats, type RunningStatsOptions, type RunningStatsSimulation, type RunningStatsStep } from './running';
export {
  checkMomentum,
  convertMomentum,
  DEFAULT_EPSILON,
  DEFAULT_MOMENTUM,
  describeMomentum,
  effectiveWindow,
  halfLifeBatches,
  kerasToPytorchMomentum,
  newBatchWeight,
  pytorchToKerasMomentum,
  type MomentumDescription,
  type RunningStatsConvention,
} from './momentum';
export { parseNumber, parseTensor, type ParsedTensor, type ParseTensorOptions } from './parse';
export {
  analyzeBatchSizes,
  DEFAULT_BATCH_SIZES,
  seededUniform,
  type BatchSizeAnalysis,
  type BatchSizeOptions,
  type BatchSizeRow,
  type ChannelDistribution,
  type Spread,
} from './batchsize';
