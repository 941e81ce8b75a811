from tensorflow.keras import layers, Model, Input

inp = Input((32, 32, 3))
x = layers.Conv2D(32, 3, activation=None)(inp)  # expect: BN101
x = layers.BatchNormalization()(x)
x = layers.Conv2D(32, 3, activation="linear")(x)  # expect: BN101
x = layers.BatchNormalization()(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.BatchNormalization()(x)
model = Model(inp, layers.GlobalAveragePooling2D()(x))
