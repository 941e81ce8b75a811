from tensorflow import keras

base = keras.applications.ResNet50(include_top=False, pooling="avg")
base.trainable = False
model = keras.Sequential([base, keras.layers.Dense(2, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x_few, y_few, batch_size=4, epochs=10)
