from tensorflow.keras import layers


def inverted_residual(x, expand, out_ch):
    h = layers.Conv2D(expand, 1, use_bias=False)(x)
    h = layers.BatchNormalization()(h)
    h = layers.ReLU(6.0)(h)
    h = layers.DepthwiseConv2D(3, padding="same")(h)  # expect: BN101
    h = layers.BatchNormalization()(h)
    h = layers.ReLU(6.0)(h)
    h = layers.Conv2D(out_ch, 1, use_bias=False)(h)
    return layers.BatchNormalization()(h)


inp = layers.Input((112, 112, 16))
out = inverted_residual(inp, 96, 24)
