from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Embedding(20000, 64, input_length=100),
    layers.Conv1D(64, 5, use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.LSTM(64),
    layers.BatchNormalization(),
    layers.Dense(1, activation="sigmoid"),
])
