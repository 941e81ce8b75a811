import numpy as np
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Conv2D(8, 3, use_bias=False, input_shape=(28, 28, 1)),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Flatten(),
    keras.layers.Dense(10),
])
model.compile("adam", "sparse_categorical_crossentropy")
for x, y in zip(images, labels):
    model.train_on_batch(x[None], np.array([y]))  # expect: BN403
