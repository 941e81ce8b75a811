from tensorflow import keras
from tensorflow.keras import layers


def build_generator(latent_dim=100):
    model = keras.Sequential()
    model.add(layers.Dense(7 * 7 * 128, use_bias=False, input_shape=(latent_dim,)))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())
    model.add(layers.Reshape((7, 7, 128)))
    model.add(layers.Conv2DTranspose(1, 5, strides=4, padding="same", use_bias=False))
    model.add(layers.BatchNormalization())  # expect: BN406
    model.add(layers.Activation("tanh"))
    return model


def build_discriminator():
    model = keras.Sequential()
    model.add(layers.Conv2D(64, 5, strides=2, padding="same", input_shape=(28, 28, 1)))
    model.add(layers.LeakyReLU())
    model.add(layers.Conv2D(128, 5, strides=2, padding="same", use_bias=False))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())
    model.add(layers.Flatten())
    model.add(layers.Dense(1))
    return model
