from tensorflow import keras

model = keras.Sequential([
    keras.layers.Embedding(input_dim=20000, output_dim=128, input_length=200),
    keras.layers.BatchNormalization(),  # expect: BN405
    keras.layers.Bidirectional(keras.layers.LSTM(64)),
    keras.layers.Dense(1, activation="sigmoid"),
])
