from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Embedding(10000, 64, input_length=100),
    layers.LSTM(64, return_sequences=True),
    layers.BatchNormalization(),  # expect: BN405
    layers.LSTM(32),
    layers.BatchNormalization(),
    layers.Dense(1, activation="sigmoid"),
])
