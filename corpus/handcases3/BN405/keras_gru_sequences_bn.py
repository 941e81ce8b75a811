from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input((100, 40)),
    layers.GRU(128, return_sequences=True),
    layers.BatchNormalization(),  # expect: BN405
    layers.GRU(64),
    layers.Dense(10, activation="softmax"),
])
