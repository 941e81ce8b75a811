from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Input((64, 64, 3)),
    layers.Conv2D(16, 3, use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile("adam", "binary_crossentropy")
model.fit(x_train, y_train, epochs=20, batch_size=1)  # expect: BN403
