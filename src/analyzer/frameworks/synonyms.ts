/**
 * The same idea under different keywords across frameworks. BN303 uses it to name the keyword the
 * author meant; each entry lists candidates, in preference order.
 */
export const keywordSynonyms: Readonly<Record<string, readonly string[]>> = {
  eps: ['epsilon'],
  epsilon: ['eps'],
  bias: ['use_bias', 'useBias'],
  use_bias: ['bias', 'useBias'],
  useBias: ['use_bias', 'bias'],
  stride: ['strides'],
  strides: ['stride'],
  out_channels: ['filters', 'features'],
  filters: ['out_channels', 'features'],
  units: ['out_features', 'features'],
  out_features: ['units', 'features'],
  features: ['out_channels', 'out_features', 'filters', 'units'],
  kernel_size: ['kernelSize'],
  kernelSize: ['kernel_size'],
  dilation: ['dilation_rate'],
  dilation_rate: ['dilation'],
  /** TF-Slim and TF1 contrib call the Keras momentum `decay`. */
  decay: ['momentum'],
  moving_average_fraction: ['momentum'],
  num_features: [],
};

/** Which framework's vocabulary a keyword comes from, for messages. */
export const keywordOrigin: Readonly<Record<string, string>> = {
  eps: 'PyTorch',
  epsilon: 'Keras/Flax',
  bias: 'PyTorch',
  use_bias: 'Keras/Flax',
  useBias: 'TF.js',
  stride: 'PyTorch',
  strides: 'Keras',
  out_channels: 'PyTorch',
  filters: 'Keras',
  units: 'Keras',
  out_features: 'PyTorch',
  num_features: 'PyTorch',
  decay: 'TF-Slim',
  kernel_size: 'PyTorch/Keras',
  kernelSize: 'TF.js',
};
