from tensorflow.keras import layers, Sequential


def build_generator(latent_dim=100):
    return Sequential([
        layers.Input((latent_dim,)),
        layers.Dense(7 * 7 * 128, use_bias=False),
        layers.BatchNormalization(),
        layers.LeakyReLU(),
        layers.Reshape((7, 7, 128)),
        layers.Conv2DTranspose(64, 4, strides=2, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.LeakyReLU(),
        layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh"),
    ])


def build_discriminator():
    return Sequential([
        layers.Input((28, 28, 1)),
        layers.Conv2D(64, 4, strides=2, padding="same", use_bias=False),
        layers.BatchNormalization(),  # expect: BN406
        layers.LeakyReLU(0.2),
        layers.Conv2D(128, 4, strides=2, padding="same", use_bias=False),
        layers.BatchNormalization(),
        layers.LeakyReLU(0.2),
        layers.Flatten(),
        layers.Dense(1),
    ])
