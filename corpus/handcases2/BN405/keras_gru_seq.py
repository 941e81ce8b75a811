from tensorflow.keras import layers, Model, Input

inp = Input(shape=(None, 40))
x = layers.GRU(128, return_sequences=True)(inp)
x = layers.BatchNormalization()(x)  # expect: BN405
x = layers.GRU(128)(x)
out = layers.Dense(5, activation="softmax")(x)
model = Model(inp, out)
