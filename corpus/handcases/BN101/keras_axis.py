from tensorflow.keras import layers, Sequential

# channels_last conv, but the BatchNorm normalizes axis 1 (rows): the bias is not per-BN-channel
rows = Sequential([layers.Conv2D(16, 3, input_shape=(32, 32, 3)), layers.BatchNormalization(axis=1)])
# channels_first conv with axis=1: the bias is cancelled
cf = Sequential([
    layers.Conv2D(16, 3, data_format="channels_first", input_shape=(3, 32, 32)),  # expect: BN101
    layers.BatchNormalization(axis=1),
])
