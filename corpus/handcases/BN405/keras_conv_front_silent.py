from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv1D(64, 5, use_bias=False, input_shape=(100, 12)),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.LSTM(64, return_sequences=True),
    layers.LayerNormalization(),
    layers.GRU(32),
    layers.BatchNormalization(),
    layers.Dense(4, activation="softmax"),
])
