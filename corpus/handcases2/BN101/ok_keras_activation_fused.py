from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    layers.BatchNormalization(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
