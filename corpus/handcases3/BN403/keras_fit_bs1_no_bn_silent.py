from tensorflow import keras

model = keras.Sequential([
    keras.layers.Input((8,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(1),
])
model.compile("sgd", "mse")
model.fit(x_train, y_train, epochs=100, batch_size=1)
