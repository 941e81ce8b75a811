from tensorflow import keras

base = keras.applications.VGG16(include_top=False, weights="imagenet", input_shape=(150, 150, 3))
base.trainable = False
inputs = keras.Input((150, 150, 3))
x = base(inputs)
x = keras.layers.Flatten()(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.fit(ds, epochs=3)
base.trainable = True
model.compile(keras.optimizers.RMSprop(1e-5), "binary_crossentropy")
model.fit(ds, epochs=3)
