from tensorflow import keras
from tensorflow.keras import layers


def build_generator(z_dim=128):
    z = keras.Input((z_dim,))
    x = layers.Dense(8 * 8 * 128, use_bias=False)(z)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Reshape((8, 8, 128))(x)
    x = layers.Conv2DTranspose(3, 4, strides=2, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)  # expect: BN406
    img = layers.Activation("tanh")(x)
    return keras.Model(z, img, name="generator")


def build_discriminator():
    img = keras.Input((16, 16, 3))
    x = layers.Conv2D(64, 4, strides=2, padding="same")(img)
    x = layers.LeakyReLU(0.2)(x)
    x = layers.Flatten()(x)
    return keras.Model(img, layers.Dense(1)(x), name="discriminator")
