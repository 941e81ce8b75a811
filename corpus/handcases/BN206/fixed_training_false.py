from tensorflow import keras

base_model = keras.applications.ResNet50(weights="imagenet", include_top=False)
base_model.trainable = False
inputs = keras.Input(shape=(224, 224, 3))
x = base_model(inputs, training=False)
outputs = keras.layers.Dense(3)(keras.layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
model.compile("adam", "mse")
model.fit(ds, epochs=3)
base_model.trainable = True
model.compile(keras.optimizers.Adam(1e-5), "mse")
model.fit(ds, epochs=3)
