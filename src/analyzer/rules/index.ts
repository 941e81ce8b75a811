/** Every rule, in code order. A new rule is one file plus one line here. */
import { redundantBias } from './BN101-redundant-bias';
import { dropoutBeforeBatchNorm } from './BN102-dropout-before-batchnorm';
import { missingEval } from './BN201-missing-eval';
import { trainModeNotRestored } from './BN202-train-mode-not-restored';
import { kerasTrainingFlag } from './BN203-keras-training-flag';
import { frozenBatchNormStillUpdating } from './BN204-frozen-batchnorm-updating';
import { initProbePollutesStatistics } from './BN205-init-probe';
import { kerasUnfrozenBaseBatchNormTraining } from './BN206-keras-unfrozen-base-bn-training';
import { tf1UpdateOpsNotRun } from './BN207-tf1-update-ops-not-run';
import { pytorchMomentumInKerasConvention } from './BN301-pytorch-momentum';
import { kerasMomentumInPytorchConvention } from './BN302-keras-momentum';
import { wrongKeyword } from './BN303-wrong-keyword';
import { suspiciousEpsilon } from './BN304-suspicious-epsilon';
import { featuresMismatch } from './BN401-features-mismatch';
import { wrongDimension } from './BN402-wrong-dimension';
import { batchTooSmallForBatchNorm } from './BN403-batch-too-small-for-batchnorm';
import { ddpWithoutSyncBatchNorm } from './BN404-ddp-without-syncbatchnorm';
import { batchNormInSequenceModel } from './BN405-batchnorm-in-sequence-model';
import { ganBatchNormPlacement } from './BN406-gan-batchnorm-placement';
import type { Rule } from './rule';

export const allRules: readonly Rule[] = [
  redundantBias,
  dropoutBeforeBatchNorm,
  missingEval,
  trainModeNotRestored,
  kerasTrainingFlag,
  frozenBatchNormStillUpdating,
  initProbePollutesStatistics,
  kerasUnfrozenBaseBatchNormTraining,
  tf1UpdateOpsNotRun,
  pytorchMomentumInKerasConvention,
  kerasMomentumInPytorchConvention,
  wrongKeyword,
  suspiciousEpsilon,
  featuresMismatch,
  wrongDimension,
  batchTooSmallForBatchNorm,
  ddpWithoutSyncBatchNorm,
  batchNormInSequenceModel,
  ganBatchNormPlacement,
];

export function ruleByCode(code: string): Rule | undefined {
  const upper = code.toUpperCase();
  return allRules.find((r) => r.meta.code === upper || r.meta.name === code);
}
