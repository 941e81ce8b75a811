import keras

base = keras.applications.ConvNeXtTiny(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
base.trainable = False
inputs = keras.Input((224, 224, 3))
x = base(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, keras.layers.Dense(10)(x))
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(train_ds, epochs=2)
base.trainable = True
model.compile(keras.optimizers.Adam(1e-5), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(train_ds, epochs=2)
