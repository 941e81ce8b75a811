from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(64, use_bias=False, input_shape=(10,)),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.Dense(1),
])
model.compile("adam", "mse")
model.fit(x_train, y_train, batch_size=2, epochs=10)  # expect: BN403
model.fit(x_train, y_train, batch_size=64, epochs=10)
