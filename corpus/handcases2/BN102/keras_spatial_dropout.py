from tensorflow.keras import layers

def block(x):
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.SpatialDropout2D(0.2)(x)  # expect: BN102
    x = layers.BatchNormalization()(x)
    return x
