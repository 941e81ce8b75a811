from tensorflow.keras import layers


def residual(x, filters):
    shortcut = x
    y = layers.Conv2D(filters, 3, padding="same")(x)  # expect: BN101
    y = layers.Add()([y, shortcut])
    y = layers.BatchNormalization()(y)
    return layers.ReLU()(y)
