from tensorflow.keras import layers, Input, Model

inp = Input((32, 32, 8))
y = layers.Conv2D(8, 3, padding="same")(inp)
out = layers.Add()([layers.BatchNormalization()(y), y])
model = Model(inp, out)
