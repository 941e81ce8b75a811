from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input((50, 8)),
    layers.LSTM(64),
    layers.BatchNormalization(),
    layers.Dense(1),
])
