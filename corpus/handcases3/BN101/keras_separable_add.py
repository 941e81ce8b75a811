from tensorflow.keras import layers, Model, Input


def xception_like_block(x, filters):
    y = layers.SeparableConv2D(filters, 3, padding="same")(x)  # expect: BN101
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    return y


inp = Input((32, 32, 3))
h = xception_like_block(inp, 32)
h = xception_like_block(h, 64)
out = layers.Dense(10)(layers.GlobalAveragePooling2D()(h))
model = Model(inp, out)
