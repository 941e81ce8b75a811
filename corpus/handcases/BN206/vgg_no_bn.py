from tensorflow import keras

base_model = keras.applications.VGG16(weights="imagenet", include_top=False)
base_model.trainable = False
inputs = keras.Input(shape=(224, 224, 3))
x = base_model(inputs)
model = keras.Model(inputs, keras.layers.Dense(3)(keras.layers.Flatten()(x)))
model.fit(ds, epochs=3)
base_model.trainable = True
model.compile(keras.optimizers.Adam(1e-5), "mse")
model.fit(ds, epochs=3)
