from tensorflow import keras

base = keras.applications.ResNet50(include_top=False, weights="imagenet")
base.trainable = False
inputs = keras.Input(shape=(224, 224, 3))
x = keras.applications.resnet50.preprocess_input(inputs)
x = base(x, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
base.trainable = True
model.compile("adam", "mse")
