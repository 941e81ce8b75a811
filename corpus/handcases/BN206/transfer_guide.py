from tensorflow import keras

base_model = keras.applications.Xception(weights="imagenet", input_shape=(150, 150, 3), include_top=False)
base_model.trainable = False

inputs = keras.Input(shape=(150, 150, 3))
x = keras.layers.Rescaling(scale=1 / 127.5, offset=-1)(inputs)
x = base_model(x)  # expect: BN206
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(train_ds, epochs=20, validation_data=validation_ds)

base_model.trainable = True
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(train_ds, epochs=10, validation_data=validation_ds)
