from tensorflow import keras

model = keras.Sequential([keras.layers.Input((10,)), keras.layers.Dense(8, use_bias=False), keras.layers.BatchNormalization(), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.1), loss="mse")
