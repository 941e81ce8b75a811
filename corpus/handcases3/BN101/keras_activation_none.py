from tensorflow.keras import layers


def conv_bn_act(x, filters, kernel=3, strides=1):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same", activation=None)(x)  # expect: BN101
    x = layers.BatchNormalization()(x)
    return layers.Activation("swish")(x)


inputs = layers.Input((96, 96, 3))
h = conv_bn_act(inputs, 24, strides=2)
h = conv_bn_act(h, 48)
