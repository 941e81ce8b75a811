from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input((200, 12)),
    layers.LSTM(64, return_sequences=True),
    layers.Conv1D(64, 3, padding="same", use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.GlobalAveragePooling1D(),
    layers.Dense(4, activation="softmax"),
])
