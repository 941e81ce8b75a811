import tensorflow as tf
from tensorflow import keras

inputs = keras.Input(shape=(784,))
x = keras.layers.Dense(64, use_bias=False)(inputs)
x = keras.layers.BatchNormalization()(x)
x = keras.layers.Activation("relu")(x)
outputs = keras.layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
optimizer = keras.optimizers.SGD(1e-3)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
val_acc = keras.metrics.SparseCategoricalAccuracy()

for epoch in range(3):
    for x_batch, y_batch in train_dataset:
        with tf.GradientTape() as tape:
            logits = model(x_batch, training=True)
            loss = loss_fn(y_batch, logits)
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
    for x_val, y_val in val_dataset:
        val_acc.update_state(y_val, model(x_val, training=False))
    print(float(val_acc.result()))
    val_acc.reset_state()
