import tensorflow as tf
from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(32, use_bias=False), keras.layers.BatchNormalization(), keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x, y, epochs=3)
print(model.evaluate(x_val, y_val))


def evaluate(ds):
    return [model(xb, training=False) for xb, _ in ds]


def predict(xb):
    return model(xb)
