from tensorflow.keras import layers

def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization(momentum=0.1, epsilon=1e-5)(x)  # expect: BN302
    return layers.Activation("relu")(x)
