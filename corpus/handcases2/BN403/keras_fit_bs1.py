from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(64, use_bias=False, input_shape=(12,)),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dense(1),
])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=50, batch_size=1)  # expect: BN403
