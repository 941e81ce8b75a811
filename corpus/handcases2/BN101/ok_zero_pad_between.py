from tensorflow.keras import layers

def block(x):
    x = layers.Conv2D(64, 3, padding="same")(x)
    x = layers.ZeroPadding2D(1)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)
